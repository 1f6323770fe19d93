"""Wagtail's Elasticsearch 9 backend, fitted to the clusters the portal meets.

- A full cluster has Elastic's analysis module: the index gets Wagtail's partial-word analysers and
  French analysis (INDEX_SETTINGS in the settings).
- Elastic's minimal distribution, the only one Maven Central serves (CI runs it), lacks that module:
  creating an index that names `edge_ngram` or `french` fails there. The index then uses the core
  analysers only. French variants still match, through the Snowball stems pages and profiles index
  beside their text (search/french.py); partial words in the admin's autocomplete do not.
- REFRESH_BEFORE_SEARCH makes every write visible to the next search (tests); production keeps
  Elasticsearch's near-real-time refresh (about a second).
"""

from modelsearch.backends.elasticsearch9 import Elasticsearch9Index, Elasticsearch9SearchBackend

ANALYSIS_MODULE = "analysis-common"
CORE_ONLY_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                # The names Wagtail's mappings refer to, built from core parts.
                "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
                "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            }
        }
    }
}


class PortalElasticsearchIndex(Elasticsearch9Index):
    def put(self):
        self.es.indices.create(index=self.name, **self.backend.index_settings())


class PortalElasticsearchBackend(Elasticsearch9SearchBackend):
    index_class = PortalElasticsearchIndex

    def __init__(self, params):
        self.refresh_before_search = params.pop("REFRESH_BEFORE_SEARCH", False)
        super().__init__(params)

    def search(self, *args, **kwargs):
        if self.refresh_before_search:
            self.es.indices.refresh(index=f"{self.index_prefix}*")
        return super().search(*args, **kwargs)

    def has_analysis_module(self):
        nodes = self.es.nodes.info(metric="modules,plugins")["nodes"].values()
        names = {module["name"] for node in nodes for module in [*node.get("modules", []), *node.get("plugins", [])]}
        return ANALYSIS_MODULE in names

    def index_settings(self):
        return self.settings if self.has_analysis_module() else CORE_ONLY_SETTINGS


SearchBackend = PortalElasticsearchBackend
