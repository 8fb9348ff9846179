/**
 * Documents: renderers that turn a quote into a file (PDF, DOCX, ...) for the customer.
 */
@Export
@Version("3.0.0")
package org.openchance.api.document;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
