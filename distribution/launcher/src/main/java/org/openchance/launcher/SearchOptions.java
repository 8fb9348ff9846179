package org.openchance.launcher;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where Elasticsearch is: external by URL, else embedded. Shared by the commands. */
final class SearchOptions {

    @Option(
            names = "--es-url",
            paramLabel = "URL",
            description = "External Elasticsearch, e.g. http://search:9200. Default: embedded.")
    URI esUrl;

    @Option(
            names = "--es-index-prefix",
            defaultValue = "openchance-",
            description = "Prefix of every index name. Default: ${DEFAULT-VALUE}.")
    String esIndexPrefix;

    @Option(names = "--embedded-es-port", defaultValue = "19200", description = "Default: ${DEFAULT-VALUE}.")
    int embeddedEsPort;

    @Option(names = "--embedded-es-heap", defaultValue = "512m", description = "Default: ${DEFAULT-VALUE}.")
    String embeddedEsHeap;

    boolean embeddedElasticsearch() {
        return esUrl == null;
    }
}
