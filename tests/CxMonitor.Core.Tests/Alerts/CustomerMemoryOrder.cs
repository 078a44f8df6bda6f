using CxMonitor.Core.Alerts;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>The customer memory keeps its slots in arrays (issue 19): it must remember and forget
/// exactly as a plain list ordered by last answer does, whatever the capacity.</summary>
public class CustomerMemoryOrder
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(7, 5)]
    [InlineData(39, 6)]
    [InlineData(100, 7)]
    public void Remembers_and_forgets_as_a_list_by_last_answer_does(int capacity, int seed)
    {
        var random = new Random(seed);
        var memory = new CustomerMemory(capacity);
        var model = new List<(string Customer, bool Positive)>(); // newest first
        for (var step = 0; step < 4_000; step++)
        {
            // A fresh string each time, as every request brings: equal text, never the same reference.
            var customer = new string($"c{random.Next(50)}".AsSpan());
            var kind = random.Next(10);
            var (positive, negative) = kind < 4 ? (true, false) : kind < 8 ? (false, true) : (false, false);
            memory.Remember(customer, positive, negative);

            model.RemoveAll(m => m.Customer == customer);
            if (positive || negative)
            {
                model.Insert(0, (customer, positive));
                if (model.Count > capacity)
                    model.RemoveAt(model.Count - 1);
            }

            Assert.Equal(model, memory.NewestFirst());
            Assert.Equal(model.Count, memory.Count);
            var asked = $"c{random.Next(50)}";
            Assert.Equal(model.Where(m => m.Customer == asked).Select(m => (bool?)m.Positive).FirstOrDefault(), memory.WasPositive(asked));
        }
    }

    [Fact]
    public void A_full_memory_forgets_the_customer_least_recently_heard_not_the_least_recently_added()
    {
        var memory = new CustomerMemory(3);
        memory.Remember("a", positive: true, negative: false);
        memory.Remember("b", positive: true, negative: false);
        memory.Remember("c", positive: false, negative: true);
        memory.Remember("a", positive: false, negative: true); // a heard again: b is now the oldest
        memory.Remember("d", positive: true, negative: false);

        Assert.Null(memory.WasPositive("b"));
        Assert.Equal(["d", "a", "c"], memory.NewestFirst().Select(m => m.Customer));
        Assert.False(memory.WasPositive("a"));
    }

    [Fact]
    public void A_neutral_answer_forgets_that_customer_and_its_slot_is_used_again()
    {
        var memory = new CustomerMemory(2);
        memory.Remember("a", positive: true, negative: false);
        memory.Remember("b", positive: true, negative: false);
        memory.Remember("a", positive: false, negative: false);
        memory.Remember("c", positive: false, negative: true);

        Assert.Null(memory.WasPositive("a"));
        Assert.Equal(["c", "b"], memory.NewestFirst().Select(m => m.Customer));
        memory.Remember("d", positive: true, negative: false);
        Assert.Equal(["d", "c"], memory.NewestFirst().Select(m => m.Customer));
    }
}
