using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Catalog;

/// <summary>Why a customer was unhappy, weighted by where the rating came from.</summary>
public static class ReasonCodes
{
    public const string WaitTime = "wait-time";
    public const string StaffAttitude = "staff-attitude";
    public const string Cleanliness = "cleanliness";
    public const string Price = "price";
    public const string ProductQuality = "product-quality";
    public const string OutOfStock = "out-of-stock";
    public const string Payment = "payment";
    public const string DeliveryLate = "delivery-late";
    public const string AppCrash = "app-crash";

    public static IReadOnlyList<string> All { get; } =
        [WaitTime, StaffAttitude, Cleanliness, Price, ProductQuality, OutOfStock, Payment, DeliveryLate, AppCrash];

    private static readonly WeightedChoice<string> _inStore = new([
        (WaitTime, 3), (StaffAttitude, 2), (Cleanliness, 1.5), (Price, 1.2),
        (ProductQuality, 1.2), (OutOfStock, 1.5), (Payment, 0.8)]);

    private static readonly WeightedChoice<string> _app = new([
        (AppCrash, 3), (Payment, 2), (DeliveryLate, 1.5), (OutOfStock, 1)]);

    private static readonly WeightedChoice<string> _web = new([
        (Payment, 2.5), (OutOfStock, 1.5), (Price, 1.5), (DeliveryLate, 1)]);

    private static readonly WeightedChoice<string> _delivery = new([
        (DeliveryLate, 4), (ProductQuality, 1.5), (StaffAttitude, 0.5)]);

    private static readonly WeightedChoice<string> _support = new([
        (WaitTime, 3), (StaffAttitude, 2), (ProductQuality, 1)]);

    private static readonly WeightedChoice<string> _afterSales = new([
        (ProductQuality, 2.5), (Price, 1), (StaffAttitude, 1), (DeliveryLate, 1)]);

    /// <summary>An understaffed, overrun store: what customers complain about during a satisfaction drop.</summary>
    public static WeightedChoice<string> Overrun { get; } = new([
        (WaitTime, 4), (StaffAttitude, 2.5), (Cleanliness, 1.5), (OutOfStock, 1)]);

    public static WeightedChoice<string> For(string channel, string touchpoint) => (channel, touchpoint) switch
    {
        ("app", _) => _app,
        ("web", "checkout") => _web,
        (_, "delivery") => _delivery,
        (_, "support") => _support,
        (_, "after-sales") => _afterSales,
        _ => _inStore,
    };
}
