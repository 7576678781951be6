"""电子证照 (GB/T 36901–36905) and the delivery details of 出件."""
