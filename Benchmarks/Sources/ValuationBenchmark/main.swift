// SPDX-License-Identifier: GPL-3.0-or-later

// Placeholder: the valuation benchmark lands with its module.
print("valuation benchmark: not implemented yet")
