"""Plain domain logic: no Flask, no database. Plain values in, plain values out."""
