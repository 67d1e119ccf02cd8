package dev.converge.files;

import dev.converge.core.ConvergeException;

/** A file changed or vanished while it was being read for upload; nothing was committed for it. */
public class FileChangedException extends ConvergeException {
    private static final long serialVersionUID = 1L;

    public FileChangedException(String path, String what) {
        super(path + ": " + what + " while being uploaded; not written, will be retried on the next run");
    }
}
