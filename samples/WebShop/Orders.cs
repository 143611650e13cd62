namespace WebShop;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderRequest(string Customer, IReadOnlyList<OrderLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Quantity * l.UnitPrice);
}

public sealed record Approval(bool Approved, string By);

public sealed record OrderOutcome(string Status, string? PaymentId, string? ApprovedBy);
