"""Graph building: extracted facts → RDF quads in the PeaceTalks ontology."""

from kg.graph.build import ArticleGraph, build_article_graph

__all__ = ["ArticleGraph", "build_article_graph"]
