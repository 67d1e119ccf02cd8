package dev.converge.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The three-way compare, as properties: DESIGN.md's promises hold for every history, not just examples. */
class ThreeWayTest {

    /** A small alphabet, so that equal values (and nulls, i.e. absent) come up often. */
    @Provide
    Arbitrary<String> version() {
        return Arbitraries.of("a", "b", "c").injectNull(0.3);
    }

    private static Base base(String left, String right) {
        return left == null && right == null ? null
                : new Base("item", Fingerprint.of(left), Fingerprint.of(right), Instant.EPOCH);
    }

    @Property
    void unchangedIffNeitherSideDiffersFromBase(@ForAll("version") String b, @ForAll("version") String l,
                                                 @ForAll("version") String r) {
        Change c = ThreeWay.compare("item", base(b, b), Fingerprint.of(l), Fingerprint.of(r));
        boolean neitherChanged = Objects.equals(b, l) && Objects.equals(b, r);
        assertThat(c.type() == ChangeType.UNCHANGED).isEqualTo(neitherChanged);
        if (neitherChanged) {
            assertThat(c.side()).isEqualTo(Side.NONE);
        }
        assertThat(c.itemId()).isEqualTo("item");
    }

    @Property
    void aOneSidedChangeIsReportedOnThatSideWithItsType(@ForAll("version") String b, @ForAll("version") String now,
                                                        @ForAll boolean onLeft) {
        if (Objects.equals(b, now)) {
            return;
        }
        Fingerprint changed = Fingerprint.of(now);
        Fingerprint kept = Fingerprint.of(b);
        Change c = onLeft ? ThreeWay.compare("item", base(b, b), changed, kept)
                : ThreeWay.compare("item", base(b, b), kept, changed);
        ChangeType expected = b == null ? ChangeType.ADDED : now == null ? ChangeType.DELETED : ChangeType.MODIFIED;
        assertThat(c.type()).isEqualTo(expected);
        assertThat(c.side()).isEqualTo(onLeft ? Side.LEFT : Side.RIGHT);
    }

    @Property
    void bothSidesChangedIsAConflictUnlessBothDeleted(@ForAll("version") String b, @ForAll("version") String l,
                                                       @ForAll("version") String r) {
        if (Objects.equals(b, l) || Objects.equals(b, r)) {
            return;
        }
        Change c = ThreeWay.compare("item", base(b, b), Fingerprint.of(l), Fingerprint.of(r));
        assertThat(c.side()).isEqualTo(Side.BOTH);
        if (l == null && r == null) {
            assertThat(c.type()).isEqualTo(ChangeType.DELETED);
            assertThat(c.isConflict()).isFalse();
        } else if (!Objects.equals(l, r)) {
            assertThat(c.type()).isEqualTo(ChangeType.CONFLICT);
            assertThat(c.isConflict()).isTrue();
        }
    }

    @Property
    void neverSyncedItemPresentOnOneSideIsAdded(@ForAll("version") String now, @ForAll boolean onLeft) {
        if (now == null) {
            return;
        }
        Change c = onLeft ? ThreeWay.compare("x", null, Fingerprint.of(now), null)
                : ThreeWay.compare("x", null, null, Fingerprint.of(now));
        assertThat(c.type()).isEqualTo(ChangeType.ADDED);
        assertThat(c.side()).isEqualTo(onLeft ? Side.LEFT : Side.RIGHT);
    }

    // ---- simulation: a sync loop over random histories of edits on both sides ----

    /** One edit on one side: set an item to a new version, or delete it. */
    record Edit(boolean left, int item, boolean delete) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 5),
                Arbitraries.of(true, false, false)).as(Edit::new);
        return edit.list().ofMaxSize(12);
    }

    /** The world the loop syncs: two sides (item → version) and the base of each item. */
    static final class World {
        final Map<String, String> left = new HashMap<>();
        final Map<String, String> right = new HashMap<>();
        final Map<String, Base> bases = new HashMap<>();
        private int nextVersion;

        void edit(Edit e) {
            Map<String, String> side = e.left() ? left : right;
            String id = "item" + e.item();
            if (e.delete()) {
                side.remove(id);
            } else {
                side.put(id, "v" + nextVersion++);
            }
        }

        /** One sync: copy each one-sided change to the other side and record the base; leave conflicts alone. */
        List<Change> sync() {
            Set<String> ids = new TreeSet<>();
            ids.addAll(left.keySet());
            ids.addAll(right.keySet());
            ids.addAll(bases.keySet());
            List<Change> changes = new ArrayList<>();
            for (String id : ids) {
                Change c = ThreeWay.compare(id, bases.get(id), Fingerprint.of(left.get(id)), Fingerprint.of(right.get(id)));
                changes.add(c);
                switch (c.type()) {
                    case UNCHANGED, CONFLICT -> {
                    }
                    case DELETED -> {
                        if (c.side() == Side.LEFT) {
                            right.remove(id);
                        } else if (c.side() == Side.RIGHT) {
                            left.remove(id);
                        }
                        bases.remove(id);
                    }
                    case ADDED, MODIFIED -> {
                        String v = c.side() == Side.LEFT ? left.get(id) : right.get(id);
                        left.put(id, v);
                        right.put(id, v);
                        bases.put(id, new Base(id, Fingerprint.of(v), Fingerprint.of(v), Instant.EPOCH));
                    }
                }
            }
            return changes;
        }
    }

    @Property(tries = 300)
    void aSyncFollowedByASecondSyncIsANoOpAndNoEditIsLostOutsideConflicts(
            @ForAll("edits") List<Edit> before, @ForAll("edits") List<Edit> between) {
        World w = new World();
        before.forEach(w::edit);
        w.sync();
        // What both sides agreed on after that sync; items still diverged were conflicts, left alone.
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < 6; i++) {
            ids.add("item" + i);
        }
        Map<String, String> agreed = new HashMap<>();
        Set<String> diverged = new HashSet<>();
        for (String id : ids) {
            if (Objects.equals(w.left.get(id), w.right.get(id))) {
                agreed.put(id, w.left.get(id));
            } else {
                diverged.add(id);
            }
        }
        between.forEach(w::edit);
        Map<String, String> leftBefore = new HashMap<>(w.left);
        Map<String, String> rightBefore = new HashMap<>(w.right);

        List<Change> first = w.sync();
        Set<String> conflicts = new HashSet<>();
        first.stream().filter(Change::isConflict).forEach(c -> conflicts.add(c.itemId()));

        // The oracle works from values, not from the compare: which side moved away from what both agreed on.
        for (String id : ids) {
            String l = leftBefore.get(id);
            String r = rightBefore.get(id);
            if (conflicts.contains(id)) {
                assertThat(w.left.get(id)).as("conflict %s left alone on the left", id).isEqualTo(l);
                assertThat(w.right.get(id)).as("conflict %s left alone on the right", id).isEqualTo(r);
            }
            if (diverged.contains(id)) {
                continue;
            }
            String a = agreed.get(id);
            boolean leftMoved = !Objects.equals(l, a);
            boolean rightMoved = !Objects.equals(r, a);
            if (leftMoved && rightMoved && !Objects.equals(l, r)) {
                assertThat(conflicts).as("%s changed on both sides (%s, %s)", id, l, r).contains(id);
                continue;
            }
            String expected = leftMoved ? l : rightMoved ? r : a;
            assertThat(conflicts).as("%s is no conflict", id).doesNotContain(id);
            assertThat(w.left.get(id)).as("%s on the left keeps the edit", id).isEqualTo(expected);
            assertThat(w.right.get(id)).as("%s on the right keeps the edit", id).isEqualTo(expected);
        }

        Map<String, String> leftAfter = new HashMap<>(w.left);
        Map<String, String> rightAfter = new HashMap<>(w.right);
        Map<String, Base> basesAfter = new HashMap<>(w.bases);
        List<Change> second = w.sync();
        assertThat(second).allMatch(c -> c.type() == ChangeType.UNCHANGED || conflicts.contains(c.itemId()),
                "second sync finds nothing new");
        assertThat(second.stream().filter(Change::isConflict).map(Change::itemId).toList())
                .containsExactlyInAnyOrderElementsOf(conflicts);
        assertThat(w.left).isEqualTo(leftAfter);
        assertThat(w.right).isEqualTo(rightAfter);
        assertThat(w.bases).isEqualTo(basesAfter);
    }
}
