package org.openchance.server.activity;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Spring refuses an upload over its multipart limit while reading the request, before any controller is chosen;
 * answer it as {@link AttachmentController} answers a file over the limit.
 */
@RestControllerAdvice
class UploadLimitAdvice {

    private final DataSize maxSize;

    UploadLimitAdvice(@Value("${openchance.attachments.max-size:10MB}") DataSize maxSize) {
        this.maxSize = maxSize;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge() {
        return AttachmentController.tooLarge(maxSize);
    }
}
