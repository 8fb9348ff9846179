/**
 * Plugin-owned storage: a plugin's own PostgreSQL schema, created and migrated by the host from the plugin's SQL.
 */
@Export
@Version("1.0.0")
package org.openchance.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
