package dev.converge.repos.provider;

import dev.converge.core.ConvergeException;

import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a first page and a way to fetch the next into a lazy stream: a page is fetched only when
 * the consumer has used up the one before, so memory stays at one page.
 */
final class PagedListing {

    /** Fetches the page at an address. */
    @FunctionalInterface
    interface PageFetcher {
        Page fetch(URI address) throws ConvergeException;
    }

    private PagedListing() {
    }

    static Stream<HostedRepo> stream(Page first, PageFetcher fetcher) {
        Iterator<HostedRepo> iterator = new Iterator<>() {
            private Page page = first;
            private Iterator<HostedRepo> current = first.repos().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && page.next() != null) {
                    try {
                        page = fetcher.fetch(page.next());
                    } catch (ConvergeException e) {
                        throw new DiscoveryFault(e);
                    }
                    current = page.repos().iterator();
                }
                return current.hasNext();
            }

            @Override
            public HostedRepo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
