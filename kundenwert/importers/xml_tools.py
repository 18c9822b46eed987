"""Namespace-blind helpers for the XML formats (e-invoices, CAMT), whose namespaces differ
from version to version while the element names stay the same."""

from __future__ import annotations

from lxml import etree


def first_child(parent: etree._Element | None, name: str) -> etree._Element | None:
    """The first child element named `name`, whatever its namespace."""
    if parent is None:
        return None
    return next((child for child in parent if is_named(child, name)), None)


def children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    if parent is None:
        return []
    return [child for child in parent if is_named(child, name)]


def is_named(element: etree._Element, name: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).localname == name


def child_text(parent: etree._Element | None, name: str) -> str | None:
    """The child's text with white space collapsed; None when missing or empty."""
    child = first_child(parent, name)
    text = " ".join((child.text or "").split()) if child is not None else ""
    return text or None
