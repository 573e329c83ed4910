# The plugins compiled into the router and their tests, one line each. `router plugin create`
# appends to these lists and `router plugin remove` deletes the lines; hand edits are fine.
set(PLUGIN_SOURCES "")
set(PLUGIN_TESTS "")
