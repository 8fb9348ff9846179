/**
 * Domain events (what happened to which record) and the listeners that receive them after commit.
 */
@Export
@Version("2.2.0")
package org.openchance.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
