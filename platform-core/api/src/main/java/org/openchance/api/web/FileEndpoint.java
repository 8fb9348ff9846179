package org.openchance.api.web;

import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Files a plugin serves over HTTP, e.g. a quote's PDF at {@code GET /quotes/{id}/pdf}. The host routes
 * {@code GET /{route}/{id}/{name}} to the endpoint registered with that {@link #ROUTE} while the plugin runs, after
 * authentication (401 without credentials), and calls it as the request's user with the plugin time budget.
 */
@ConsumerType
public interface FileEndpoint {

    /** The service property with the first path segment, e.g. {@code quotes}: lower-case letters and dashes. */
    String ROUTE = "openchance.file.route";

    /**
     * @param id   the second path segment, e.g. the record's API id
     * @param name the third, e.g. {@code pdf}
     * @return the file, or empty for 404 (also when the user may not see the record: as if it did not exist)
     */
    Optional<File> file(String id, String name);

    /**
     * @param fileName the name offered for saving, e.g. {@code Q-2026-00042-2.pdf}
     * @param mediaType e.g. {@code application/pdf}
     */
    record File(String fileName, String mediaType, byte[] content) {

        public File {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }
}
