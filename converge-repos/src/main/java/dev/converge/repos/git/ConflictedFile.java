package dev.converge.repos.git;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeChunk.ConflictState;
import org.eclipse.jgit.merge.MergeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One file a merge left in conflict, as its three versions (merge base, local, upstream), merged
 * line by line again here so that the conflicting hunks can be shown and either side taken hunk
 * by hunk while the lines both sides agree on are kept. A version is {@code null} when the file
 * does not exist on that side; a file that is binary or missing on one side has no hunks, and
 * taking a side then takes that side's whole file (or its absence).
 *
 * @param path     the path in the repository
 * @param base     the merge base's content, or {@code null}
 * @param local    the local branch's content, or {@code null} when deleted locally
 * @param upstream the upstream's content, or {@code null} when deleted upstream
 */
record ConflictedFile(String path, byte[] base, byte[] local, byte[] upstream) {

    /** Which version of a conflicting hunk to keep. */
    enum Side {
        LOCAL, UPSTREAM
    }

    /** One conflicting hunk: the local lines against the upstream lines. */
    record Hunk(String local, String upstream) {
    }

    /** Whether the file can be shown as hunks: both sides present and text. */
    boolean hasHunks() {
        return local != null && upstream != null && !RawText.isBinary(local) && !RawText.isBinary(upstream)
                && (base == null || !RawText.isBinary(base));
    }

    /** The conflicting hunks, in file order; empty when the file {@link #hasHunks() has none}. */
    List<Hunk> hunks() {
        List<Hunk> hunks = new ArrayList<>();
        if (!hasHunks()) {
            return hunks;
        }
        MergeResult<RawText> merged = merge();
        StringBuilder ours = null;
        for (MergeChunk chunk : merged) {
            RawText text = merged.getSequences().get(chunk.getSequenceIndex());
            String lines = text.getString(chunk.getBegin(), chunk.getEnd(), false);
            switch (chunk.getConflictState()) {
                case FIRST_CONFLICTING_RANGE -> ours = new StringBuilder(lines);
                case NEXT_CONFLICTING_RANGE -> {
                    hunks.add(new Hunk(ours == null ? "" : ours.toString(), lines));
                    ours = null;
                }
                default -> {
                    // Agreed lines and the base's version of a hunk are not part of the question.
                }
            }
        }
        return hunks;
    }

    /**
     * The file with every conflicting hunk taken from one side and everything else as merged, or
     * empty when that side deleted the file.
     */
    Optional<byte[]> resolved(Side side) {
        if (!hasHunks()) {
            return Optional.ofNullable(side == Side.LOCAL ? local : upstream);
        }
        MergeResult<RawText> merged = merge();
        ConflictState wanted = side == Side.LOCAL ? ConflictState.FIRST_CONFLICTING_RANGE : ConflictState.NEXT_CONFLICTING_RANGE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (MergeChunk chunk : merged) {
                ConflictState state = chunk.getConflictState();
                if (state == ConflictState.NO_CONFLICT || state == wanted) {
                    RawText text = merged.getSequences().get(chunk.getSequenceIndex());
                    for (int line = chunk.getBegin(); line < chunk.getEnd(); line++) {
                        text.writeLine(out, line);
                        if (line < text.size() - 1 || !text.isMissingNewlineAtEnd()) {
                            out.write('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return Optional.of(out.toByteArray());
    }

    private MergeResult<RawText> merge() {
        RawText b = new RawText(base == null ? new byte[0] : base);
        return new MergeAlgorithm().merge(RawTextComparator.DEFAULT, b, new RawText(local), new RawText(upstream));
    }
}
