// SPDX-License-Identifier: GPL-3.0-or-later

// Placeholder until the statistics module lands (issue 3).
