"""Target tables in the web application: stored, listed, edited, reviewed and approved."""
