"""Services: database work for the views and the command line; no Flask."""
