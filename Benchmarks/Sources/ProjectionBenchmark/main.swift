// SPDX-License-Identifier: GPL-3.0-or-later

// Placeholder: the projection benchmark lands with its module.
print("projection benchmark: not implemented yet")
