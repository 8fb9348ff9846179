/**
 * HTTP: files plugins serve beside the GraphQL API (a quote's PDF, say), authenticated and authorised like it.
 */
@Export
@Version("1.0.0")
package org.openchance.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
