package org.openchance.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OpenChance server. The launcher ({@code distribution/launcher}) starts it with its configuration. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenChanceServer {

    public static void main(String[] args) {
        SpringApplication.run(OpenChanceServer.class, args);
    }
}
