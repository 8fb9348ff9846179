/**
 * Scoring: strategies that tell sales which opportunities to focus on, each score explained criterion by criterion.
 */
@Export
@Version("2.0.0")
package org.openchance.api.scoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
