package org.openchance.server.graphql;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class ServerInfoController {

    record ServerInfo(String name, String version) {}

    private final ServerInfo info;

    ServerInfoController(@Value("${openchance.version}") String version) {
        this.info = new ServerInfo("OpenChance", version);
    }

    @QueryMapping
    ServerInfo serverInfo() {
        return info;
    }
}
