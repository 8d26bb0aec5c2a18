"""The store: the only package that imports peewee.

Screens and exchange code call the functions of the area modules
(`people`, `dashboard`, ...), which return model objects or small dataclasses.
"""
