/**
 * What the host offers plugins as OSGi services: read opportunities as snapshots, log activities, read the plugin's
 * settings. Reference them from Declarative Services components.
 */
@Export
@Version("2.3.0")
package org.openchance.api.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
