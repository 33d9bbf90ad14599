"""PeaceTalks KG: a knowledge graph of peace negotiations.

Data flows ``seeds → kg.extract → kg.graph → kg.validate → kg.store → api``.
"""

__version__ = "0.1.0"
