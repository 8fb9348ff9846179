/**
 * Rules plugins add to what the host does: a {@link org.openchance.api.rules.CloseCheck} may refuse a deal's close
 * (a winning competitor that does not exist, say) before anything is written.
 */
@Export
@Version("1.0.0")
package org.openchance.api.rules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
