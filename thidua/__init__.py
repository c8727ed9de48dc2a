"""thidua: công cụ quản lý phong trào thi đua, khen thưởng."""

__version__ = "0.1.0"
