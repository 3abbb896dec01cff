"""Writers: the official layout of each table drawn in a file format."""
