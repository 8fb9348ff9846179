/**
 * The read-only model that plugins see: immutable values, never database entities.
 */
@Export
@Version("1.3.0")
package org.openchance.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
