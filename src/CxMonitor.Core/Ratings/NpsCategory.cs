namespace CxMonitor.Core.Ratings;

/// <summary>The Net Promoter group of an <c>nps11</c> answer: 0–6, 7–8, 9–10.</summary>
public enum NpsCategory
{
    Detractor,
    Passive,
    Promoter,
}
