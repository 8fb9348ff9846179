package org.openchance.api.host;

import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/** Writes into an opportunity's timeline, as the API's {@code logActivity} does (same validation, same events). */
@ProviderType
public interface ActivityLog {

    /**
     * @param type one of CALL, MEETING, EMAIL, NOTE, MATERIAL, PRESENTATION, MILESTONE
     * @return the new activity's id
     * @throws IllegalArgumentException with the reasons when the input is refused
     */
    UUID log(UUID opportunityId, String type, String subject, String body);
}
