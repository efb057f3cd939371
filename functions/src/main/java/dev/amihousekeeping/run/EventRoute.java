package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.HousekeepingEvent;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One kind of event a function takes besides its schedule, and the method of the function's run that handles it,
 * which receives the event as its own type: the dispatcher has chosen the route, so no run re-routes by type.
 */
public record EventRoute<E extends HousekeepingEvent>(Class<E> kind, BiFunction<E, RunRequest, Report> handler) {

    public EventRoute {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handler, "handler");
    }

    public static <E extends HousekeepingEvent> EventRoute<E> of(Class<E> kind,
                                                                BiFunction<E, RunRequest, Report> handler) {
        return new EventRoute<>(kind, handler);
    }

    boolean takes(HousekeepingEvent event) {
        return kind.isInstance(event);
    }

    Report handle(HousekeepingEvent event, RunRequest request) {
        return handler.apply(kind.cast(event), request);
    }
}
