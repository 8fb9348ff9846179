/**
 * Plugins extend the GraphQL API: SDL plus resolvers written against these neutral types, never against
 * graphql-java, so the engine can change without breaking plugins.
 */
@Export
@Version("1.5.0")
package org.openchance.api.graphql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
