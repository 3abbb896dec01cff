"""jixiao (绩效): budget performance target tables of Chinese public bodies."""

__version__ = "0.1.0"
