// SPDX-License-Identifier: GPL-3.0-or-later

// Placeholder until the valuation module lands (issue 4).
