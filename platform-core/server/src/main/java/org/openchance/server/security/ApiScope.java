package org.openchance.server.security;

/** What an API key may do, on top of what its user may: reads, writes, administration. */
public enum ApiScope {
    READ,
    WRITE,
    ADMIN
}
