package org.openchance.server.activity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.security.Policy;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Access;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.activity.ActivityRow;
import org.openchance.store.activity.Attachments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files of activities over plain HTTP (GraphQL has no file upload): {@code POST /attachments} (multipart
 * {@code activityId}, {@code file}) and {@code GET /attachments/{id}}. Errors answer like the API's user errors.
 */
@RestController
class AttachmentController {

    private final Attachments attachments;
    private final ActivityRepository activities;
    private final DataSize maxSize;
    private final ActivityAccess activityAccess;
    private final CurrentUser currentUser;

    AttachmentController(
            Attachments attachments,
            ActivityRepository activities,
            ActivityAccess activityAccess,
            CurrentUser currentUser,
            @Value("${openchance.attachments.max-size:10MB}") DataSize maxSize) {
        this.activityAccess = activityAccess;
        this.currentUser = currentUser;
        this.attachments = attachments;
        this.activities = activities;
        this.maxSize = maxSize;
    }

    @PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Transactional
    ResponseEntity<Map<String, Object>> upload(@RequestParam String activityId, @RequestParam MultipartFile file)
            throws IOException {
        String refusal = Policy.WRITE.refusal(currentUser.caller().orElse(null));
        if (refusal != null) {
            return error(HttpStatus.FORBIDDEN, new UserError(UserError.FORBIDDEN, refusal, null));
        }
        ActivityRow row = GlobalId.decode(activityId, ActivityService.TYPE)
                .flatMap(activities::findById)
                .filter(a -> a.deletedAt() == null)
                .orElse(null);
        Access access = row == null ? Access.NONE : activityAccess.of(row);
        if (!access.canRead()) {
            return error(HttpStatus.NOT_FOUND, UserError.notFound("activityId", "Activity"));
        }
        if (!access.canEdit()) {
            return error(
                    HttpStatus.FORBIDDEN,
                    new UserError(UserError.FORBIDDEN, "you may read this activity but not add to it", "activityId"));
        }
        UUID activity = row.id();
        if (file.getSize() > maxSize.toBytes()) {
            return tooLarge();
        }
        String name =
                file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? "attachment"
                        : file.getOriginalFilename();
        String type = file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : file.getContentType();
        try (InputStream content = file.getInputStream()) {
            Attachments.Attachment saved = attachments.save(activity, name, type, file.getSize(), content);
            return ResponseEntity.created(URI.create(url(saved.id())))
                    .body(Map.of(
                            "id",
                            GlobalId.of("Attachment", saved.id()),
                            "name",
                            saved.name(),
                            "mediaType",
                            saved.mediaType(),
                            "size",
                            saved.size(),
                            "url",
                            url(saved.id())));
        }
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id) {
        // Not visible is not found: an attachment's existence must not leak.
        return GlobalId.decode(id, "Attachment")
                .flatMap(attachments::content)
                .filter(c -> activities
                        .findById(c.activityId())
                        .map(a -> activityAccess.of(a).canRead())
                        .orElse(false))
                .map(c -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(c.mediaType()))
                        .header(
                                "Content-Disposition",
                                ContentDisposition.attachment()
                                        .filename(c.name(), StandardCharsets.UTF_8)
                                        .build()
                                        .toString())
                        .body(c.bytes()))
                .orElse(ResponseEntity.notFound().build());
    }

    static String url(UUID id) {
        return "/attachments/" + GlobalId.of("Attachment", id);
    }

    private ResponseEntity<Map<String, Object>> tooLarge() {
        return tooLarge(maxSize);
    }

    static ResponseEntity<Map<String, Object>> tooLarge(DataSize maxSize) {
        return error(
                HttpStatus.PAYLOAD_TOO_LARGE,
                UserError.validation(
                        "file",
                        "is larger than the limit of "
                                + (maxSize.toMegabytes() > 0
                                        ? maxSize.toMegabytes() + " MB"
                                        : maxSize.toKilobytes() + " KB")));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, UserError error) {
        return ResponseEntity.status(status)
                .body(Map.of(
                        "errors",
                        java.util.List.of(
                                Map.of("code", error.code(), "message", error.message(), "field", error.field()))));
    }
}
