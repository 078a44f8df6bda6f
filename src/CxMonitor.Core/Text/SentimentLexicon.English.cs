namespace CxMonitor.Core.Text;

internal static partial class SentimentLexicon
{
    // "break" would also match "breakfast": such stems are spelled out in the forms that count.
    private static SentimentStem[] English =>
    [
        // Praise
        W("excellent", 3), W("amazing", 3), W("perfect", 3), W("fantastic", 3), W("wonderful", 3), W("love", 3), W("awesome", 3),
        W("brilliant", 3), W("superb", 3), W("outstanding", 3), W("incredible", 3), W("flawless", 3), W("delicious", 3), W("best", 3),
        W("great", 2), W("good", 2), W("nice", 2), W("friendly", 2), W("helpful", 2), W("polite", 2), W("happy", 2), W("happier", 2),
        W("pleased", 2), W("pleasant", 2), W("enjoy", 2), W("glad", 2), W("thank", 2), W("impress", 2), W("tasty", 2), W("cosy", 2),
        W("cozy", 2), W("comfortable", 2), W("spotless", 2), W("smooth", 2), W("intuitive", 2), W("reliable", 2), W("efficient", 2),
        W("professional", 2), W("attentive", 2), W("kind", 2), W("honest", 2), W("patient", 2), W("gentle", 2), W("reassur", 2),
        W("painless", 2), W("joy", 2), W("wow", 2), W("elegant", 2), W("beautiful", 2), W("delight", 3), W("stellar", 3),
        W("fast", 1), W("quick", 1), W("clean", 1), W("fine", 1), W("ok", 1), W("easy", 1), W("useful", 1), W("handy", 1), W("fresh", 1),
        W("solid", 1), W("careful", 1), W("warm", 1), W("accurate", 1), W("early", 1), W("punctual", 1), W("convenient", 1),
        E("recommend", 2, -3), E("worth", 1, -2), E("fault", -1, 2),
        // Complaints
        W("terrible", -3), W("awful", -3), W("horrible", -3), W("worst", -3), W("hate", -3), W("poison", -3), W("useless", -3),
        W("scam", -3), W("fraud", -3), W("disgust", -3), W("nightmare", -3), W("rubbish", -3), W("garbage", -3), W("junk", -3),
        W("crap", -3), W("avoid", -3), W("waste", -3), W("filthy", -3), W("ruined", -3), W("unusable", -3), W("unacceptable", -3),
        W("incompetent", -3), W("unprofessional", -3), W("furious", -3), W("sucks", -3), W("pathetic", -3), W("appalling", -3),
        W("bad", -2), W("rude", -2), W("slow", -2), W("dirty", -2), W("broken", -2), W("broke", -2), W("breaks", -2), W("wrong", -2),
        W("poor", -2), W("disappoint", -2), W("unfriendly", -2), W("unhelpful", -2), W("mess", -2), W("crash", -2), W("freez", -2),
        W("error", -2), W("fail", -2), W("lost", -2), W("lose", -2), W("losing", -2), W("refus", -2), W("shout", -2), W("yell", -2),
        W("ignor", -2), W("overpriced", -2), W("overcharg", -2), W("burnt", -2), W("burned", -2), W("stale", -2), W("soggy", -2),
        W("damaged", -2), W("cracked", -2), W("stolen", -2), W("steal", -2), W("mislead", -2), W("aggressive", -2), W("annoy", -2),
        W("pointless", -2), W("blam", -2), W("bloated", -2), W("downhill", -2), W("upset", -2), W("angry", -2), W("worse", -2),
        W("joke", -2), W("shame", -2), W("delet", -2), W("stink", -2), W("spam", -2), W("spies", -2), W("cheated", -2), W("liar", -2),
        W("lied", -2), W("unreliable", -2), W("uncomfortable", -2), W("smelly", -2), W("greasy", -2), W("tasteless", -2), W("bland", -1),
        W("cold", -1), W("queue", -1), W("expensive", -1), W("late", -1), W("delay", -1), W("lag", -1), W("bug", -1), W("drain", -1),
        W("rushed", -1), W("tiny", -1), W("cheap", -1), W("sticky", -1), W("smell", -1), W("problem", -1), W("issue", -1),
        W("complain", -1), W("noisy", -1), W("cramped", -1), W("ads", -1), W("meh", -1), W("flimsy", -1), W("unfortunately", -1), W("average", -1), W("limited", -1),
        W("waited", -1), W("uninstall", -2), W("soaked", -2), W("ignoring", -2), E("solv", 2, -2), E("ship", 0, -2),
        // General vocabulary of praise and complaint, beyond the words the labelled set needed
        W("gorgeous", 3), W("adorable", 2), W("charming", 2), W("welcoming", 2), W("caring", 2), W("lovely", 3),
        W("fabulous", 3), W("marvel", 3), W("terrific", 3), W("exceptional", 3), W("magnificent", 3), W("splendid", 3), W("sturdy", 1),
        W("reasonabl", 1), W("generous", 2), W("courteous", 2), W("knowledgeable", 2), W("responsive", 2), W("seamless", 2),
        W("recommended", 2), W("satisf", 2), W("dissatisf", -2), W("unsatisf", -2), W("bravo", 2), W("pleasure", 2),
        W("disaster", -3), W("shocking", -3), W("dangerous", -3), W("outrage", -3), W("horrend", -3), W("atrocious", -3),
        W("dreadful", -3), W("abysmal", -3), W("ripoff", -3), W("rip", -2), W("cockroach", -3), W("roach", -3), W("mould", -3),
        W("mold", -3), W("undercooked", -2), W("raw", -1), W("overheat", -2), W("sluggish", -2), W("laggy", -2), W("glitch", -2),
        W("wiped", -2), W("died", -2), W("dead", -2), W("faulty", -2), W("defect", -2), W("leak", -2), W("crushed", -2),
        W("dented", -2), W("scratched", -2), W("missing", -2), W("confus", -1), W("frustrat", -2), W("hassle", -2), W("impossible", -2),
        W("nasty", -3), W("gross", -3), W("inedible", -3), W("insult", -3), W("condescend", -2), W("arrogant", -2), W("dismissive", -2),
        W("clueless", -2), W("lazy", -2), W("sloppy", -2), W("careless", -2), W("mediocre", -1), W("overrated", -2), W("dissapoint", -2),
        W("worthless", -3), W("refuse", -2), W("zero", -1), W("spoiled", -2), W("rotten", -3), W("expired", -2),
        // Expectations: nothing said until they fail ("never came", "won't load", "didn't even apologise")
        E("came", 0, -2), E("come", 0, -2), E("arriv", 0, -2), E("work", 0, -3), E("answer", 0, -2), E("respon", 0, -2), E("repl", 0, -2),
        E("ship", 0, -2), E("deliver", 0, -2), E("load", 0, -2), E("open", 0, -2), E("call", 0, -2), E("help", 1, -2), E("fix", 0, -2),
        E("apolog", 0, -2), E("explain", 0, -2), E("refund", 0, -2), E("honour", 0, -2), E("honor", 0, -2), E("reset", 0, -2),
        E("log", 0, -2), E("sign", 0, -2), E("show", 0, -2), E("pick", 0, -2), E("receiv", 0, -2), E("get", 0, -1), E("got", 0, -1),
    ];

    private static SentimentPhrase[] EnglishPhrases =>
    [
        P("never again", -3, gap: 3), P("never ever", -3, gap: 3), P("never coming back", -3), P("won't be back", -3), P("will not be back", -3),
        P("stay away", -3), P("waste of money", -3), P("waste of time", -3), P("oh great", -3), P("oh wonderful", -3), P("just great", -2),
        P("hung up", -2), P("without warning", -2), P("used to be", -2), P("please fix", -2), P("charged twice", -3), P("what a joke", -3),
        P("rolled eyes", -2, gap: 1), P("rolling eyes", -2, gap: 1), P("stopped work", -3), P("without telling", -2),
        P("empty box", -3), P("used item", -2), P("would be nice", 0), P("nothing serious", 1), P("well packed", 1),
        P("works well", 2), P("just works", 2), P("spot on", 2), P("walked out", -2), P("rip off", -3), P("again and again", -1), P("top notch", 3), P("top quality", 3), P("couldn't be happier", 3), P("can't fault", 3), P("above and beyond", 3),
        P("works like a charm", 3), P("be back", 2), P("buy again", 2), P("order again", 2), P("come back", 2), P("no complaints", 2), P("as expected", 0), P("as described", 0), P("nothing special", 0),
        P("not bad not great", 0), P("so so", 0), P("it's okay", 0), P("it's alright", 0),
    ];
}
