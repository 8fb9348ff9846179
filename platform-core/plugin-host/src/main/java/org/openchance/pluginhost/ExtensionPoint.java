package org.openchance.pluginhost;

import java.util.List;
import org.openchance.api.document.QuoteRenderer;
import org.openchance.api.event.DomainEventListener;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.rules.CloseCheck;
import org.openchance.api.scoring.ScoringStrategy;
import org.openchance.api.web.FileEndpoint;

/**
 * One kind of extension: the interface a plugin registers its services under, and the service property that names
 * each one. Every extension point is tracked the same way ({@link TrackedExtensions}): by id, duplicates refused,
 * every call guarded by {@link PluginRegistry#call}.
 *
 * @param label what the {@code plugins} query shows, e.g. {@code ScoringStrategy}
 */
public record ExtensionPoint<T>(Class<T> type, String idProperty, String label) {

    public static final ExtensionPoint<ScoringStrategy> SCORING =
            new ExtensionPoint<>(ScoringStrategy.class, ScoringStrategy.ID, "ScoringStrategy");
    public static final ExtensionPoint<DomainEventListener> EVENT_LISTENER =
            new ExtensionPoint<>(DomainEventListener.class, DomainEventListener.ID, "DomainEventListener");
    public static final ExtensionPoint<SchemaContribution> SCHEMA =
            new ExtensionPoint<>(SchemaContribution.class, SchemaContribution.ID, "SchemaContribution");
    public static final ExtensionPoint<ForecastModel> FORECAST =
            new ExtensionPoint<>(ForecastModel.class, ForecastModel.ID, "ForecastModel");
    public static final ExtensionPoint<QuoteRenderer> QUOTE_RENDERER =
            new ExtensionPoint<>(QuoteRenderer.class, QuoteRenderer.ID, "QuoteRenderer");

    public static final ExtensionPoint<CloseCheck> CLOSE_CHECK =
            new ExtensionPoint<>(CloseCheck.class, CloseCheck.ID, "CloseCheck");

    public static final ExtensionPoint<FileEndpoint> FILES =
            new ExtensionPoint<>(FileEndpoint.class, FileEndpoint.ROUTE, "FileEndpoint");

    /** Every extension point the host tracks. */
    public static final List<ExtensionPoint<?>> ALL =
            List.of(SCORING, EVENT_LISTENER, SCHEMA, FORECAST, QUOTE_RENDERER, CLOSE_CHECK, FILES);
}
