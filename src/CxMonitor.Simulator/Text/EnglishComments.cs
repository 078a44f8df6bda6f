using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Text;

internal static class EnglishComments
{
    public static CommentBank Bank { get; } = new()
    {
        Language = "en",
        Comments = new Dictionary<string, string[]>
        {
            ["positive"] =
            [
                "Great service, really friendly and helpful.",
                "Nothing to complain about, everything went smoothly.",
                "Never had a problem with you, keep it up.",
                "Really impressed with how the return was handled.",
                "Always a pleasure, thank you!",
            ],
            ["positive:in-store"] =
            [
                "Quick checkout, in and out in five minutes. Love it.",
                "Emma at the tills was lovely, thank you!",
                "Found everything I needed, the store was spotless.",
                "Staff went out of their way to find my size in the stockroom.",
                "Excellent coffee in the café and a very clean place.",
            ],
            ["positive:delivery"] = ["Delivery arrived a day early and well packed.", "Courier was polite and on time."],
            ["positive:support"] = ["Support sorted my issue in one call. Brilliant.", "Agent was patient and knew her stuff."],
            ["positive:app"] = ["The new app makes ordering so easy.", "Paying in the app takes seconds now."],
            ["neutral"] =
            [
                "Not bad, but nothing special either.",
                "Not the worst experience, could be quicker.",
                "Fine, but the prices have gone up again.",
            ],
            ["neutral:in-store"] =
            [
                "Okay overall. A bit crowded at lunchtime.",
                "Decent, though the self-checkout was playing up.",
                "Average visit. Staff were polite but seemed busy.",
            ],
            ["negative"] =
            [
                "Very disappointed, will not be back.",
                "Terrible experience from start to finish.",
                "Not happy at all. Nobody seemed to care.",
                "I would not recommend you to anyone.",
            ],
            ["negative:in-store"] =
            [
                "The sandwich from the café was stale and overpriced.",
                "The cashier was rude and ignored my question.",
                "Dirty floors and overflowing bins near the entrance.",
                "Worst customer service I have had in years.",
            ],
            [ReasonCodes.WaitTime] = ["Queued for 25 minutes with only one till open.", "Waited ages for someone to help me on the floor."],
            [ReasonCodes.WaitTime + ":remote"] = ["On hold for 40 minutes before anyone picked up.", "Two hours for a chat reply."],
            [ReasonCodes.StaffAttitude] = ["The assistant was rude and rolled her eyes at me.", "Security guard was unfriendly and followed me around."],
            [ReasonCodes.StaffAttitude + ":remote"] = ["Agent was rude and dismissive, then hung up on me.", "The person on the chat was rude and unhelpful."],
            [ReasonCodes.StaffAttitude + ":delivery"] = ["Courier was rude and threw the parcel at the door."],
            [ReasonCodes.Cleanliness] = ["Toilets were dirty and there was no soap.", "Changing rooms were filthy, clothes all over the floor."],
            [ReasonCodes.Price] = ["Way too expensive compared to other shops.", "Shelf price and till price did not match."],
            [ReasonCodes.ProductQuality] =
            [
                "The jacket fell apart after two washes.",
                "Milk was past its date. Not acceptable.",
                "The chicken wrap was cold in the middle, avoid the café.",
            ],
            [ReasonCodes.OutOfStock] = ["Half the shelves were empty again.", "Advertised item was out of stock, wasted trip."],
            [ReasonCodes.OutOfStock + ":remote"] = ["Order cancelled after payment because it was out of stock."],
            [ReasonCodes.Payment] = ["Card machine kept declining, had to pay cash.", "Contactless did not work at any till."],
            [ReasonCodes.Payment + ":remote"] = ["Charged twice for the same order.", "Payment kept failing, tried three cards."],
            [ReasonCodes.DeliveryLate] = ["Parcel arrived four days late with no updates.", "Delivery slot missed twice, nobody called."],
            [ReasonCodes.AppCrash] = ["App crashes every time I try to pay.", "App froze at checkout and lost my basket."],
        },
        PositiveTitles = ["Great experience", "Friendly staff", "Highly recommend", "Quick and easy", "Always reliable"],
        NeutralTitles = ["Not bad", "Okay visit", "Could be better", "Mixed feelings"],
        NegativeTitles = ["Avoid", "Very disappointed", "Rude staff", "Never again", "Terrible service"],
        Authors =
        [
            "Oliver P.", "Amelia R.", "James W.", "Sophie T.", "Harry B.", "Isla M.",
            "Daniel K.", "Grace H.", "Mia S.", "Noah L.", "Ava C.", "Liam O'Connor",
        ],
    };
}
