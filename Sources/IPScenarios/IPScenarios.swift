// SPDX-License-Identifier: GPL-3.0-or-later

// Placeholder until the scenarios module lands (issue 5).
