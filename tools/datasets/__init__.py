"""Benchmark datasets: a whole, consistent mall history (organisation, customers and
their ownership history, catalogue, orders with items and status timelines, stock)
bulk-loaded straight into the CRM's database at three sizes (XS, S, L).

Run through `manage.py load_dataset --size XS|S|L`; `tools.datasets.loader.load_dataset`
is the function behind it."""
