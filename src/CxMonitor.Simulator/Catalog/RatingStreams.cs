using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Catalog;

/// <summary>The sources of ratings every demo site has, and their plausible mix.</summary>
public static class RatingStreams
{
    public static IReadOnlyList<RatingStream> All { get; } =
    [
        // Smiley terminals by the door and the tills: most of the volume, anonymous.
        new("terminal", "terminal", "in-store", OpeningHoursOnly: true, Weight: 0.42,
            Touchpoints: new([("arrival", 0.35), ("checkout", 0.65)]),
            Scales: new([("smiley4", 1)]),
            CustomerShare: 0, CommentShare: 0.15, MoodShift: 0.02),
        // QR code on the receipt.
        new("receipt-survey", "survey", "in-store", OpeningHoursOnly: true, Weight: 0.12,
            Touchpoints: new([("checkout", 0.7), ("after-sales", 0.3)]),
            Scales: new([("csat5", 0.6), ("nps11", 0.4)]),
            CustomerShare: 0.35, CommentShare: 1, MoodShift: 0),
        // Follow-up email a day or two after a purchase or a delivery.
        new("email-survey", "survey", "email", OpeningHoursOnly: false, Weight: 0.10,
            Touchpoints: new([("delivery", 0.4), ("after-sales", 0.6)]),
            Scales: new([("nps11", 0.6), ("csat5", 0.4)]),
            CustomerShare: 0.95, CommentShare: 1, MoodShift: 0),
        new("web-survey", "survey", "web", OpeningHoursOnly: false, Weight: 0.09,
            Touchpoints: new([("checkout", 0.6), ("delivery", 0.4)]),
            Scales: new([("csat5", 0.5), ("ces7", 0.5)]),
            CustomerShare: 0.6, CommentShare: 0.8, MoodShift: -0.01),
        new("phone-support", "survey", "phone", OpeningHoursOnly: true, Weight: 0.06,
            Touchpoints: new([("support", 1)]),
            Scales: new([("csat5", 0.5), ("ces7", 0.5)]),
            CustomerShare: 0.9, CommentShare: 0.7, MoodShift: -0.06),
        new("chat-support", "survey", "chat", OpeningHoursOnly: true, Weight: 0.05,
            Touchpoints: new([("support", 1)]),
            Scales: new([("csat5", 0.7), ("thumbs2", 0.3)]),
            CustomerShare: 0.8, CommentShare: 0.9, MoodShift: -0.04),
        new("app", "api", "app", OpeningHoursOnly: false, Weight: 0.11,
            Touchpoints: new([("checkout", 0.5), ("delivery", 0.3), ("support", 0.2)]),
            Scales: new([("stars5", 0.6), ("thumbs2", 0.4)]),
            CustomerShare: 0.9, CommentShare: 0.6, MoodShift: -0.03),
        new("social", "api", "social", OpeningHoursOnly: false, Weight: 0.02,
            Touchpoints: new([("after-sales", 0.7), ("support", 0.3)]),
            Scales: new([("thumbs2", 1)]),
            CustomerShare: 0.2, CommentShare: 1.2, MoodShift: -0.08),
    ];

    /// <summary>The team that owns a touchpoint, as a service manager would file it.</summary>
    public static string TeamFor(string channel, string touchpoint) => (channel, touchpoint) switch
    {
        ("in-store", "arrival") => "floor",
        ("in-store", "checkout") => "tills",
        (_, "support") => "customer-care",
        (_, "delivery") => "logistics",
        (_, "after-sales") => "customer-care",
        _ => "ecommerce",
    };
}
