namespace Orders;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record Order(string Customer, IReadOnlyList<OrderLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Quantity * l.UnitPrice);
}

public sealed record Hold(string HoldId, DateTime ExpiresAt);

public sealed record Payment(string PaymentId, decimal Amount, string IdempotencyKey);

public sealed record Shipment(string Sku, string TrackingNumber);

public sealed record Receipt(string OrderId, string PaymentId, decimal Amount, IReadOnlyList<string> TrackingNumbers, Guid ConfirmationCode);
