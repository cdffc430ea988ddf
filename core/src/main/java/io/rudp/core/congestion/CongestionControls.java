package io.rudp.core.congestion;

import java.util.List;
import java.util.Locale;

/** The built-in congestion controllers, by name: {@code newreno}, {@code cubic}, {@code bbr}. */
public final class CongestionControls
{
    /** Names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("newreno", "cubic", "bbr");

    private CongestionControls()
    {
    }

    /**
     * The factory for {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values, if {@code name} is none of them
     *
     * @param name {@code newreno}, {@code cubic} or {@code bbr}
     * @return its factory
     */
    public static CongestionControl.Factory byName(final String name)
    {
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "newreno":
                return NewReno::new;
            case "cubic":
                return Cubic::new;
            case "bbr":
                return Bbr::new;
            default:
                throw new IllegalArgumentException("unknown congestion control '" + name + "', expected one of " + NAMES);
        }
    }
}
