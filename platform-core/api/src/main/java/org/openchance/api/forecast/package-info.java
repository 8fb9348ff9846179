/**
 * Forecasting: models that predict what the pipeline will bring per period, and that the host can back-test by asking
 * them about past dates with the pipeline as it stood then.
 */
@Export
@Version("3.0.0")
package org.openchance.api.forecast;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
