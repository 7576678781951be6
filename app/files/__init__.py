"""电子材料: content-addressed file storage (filesystem or S3), type sniffing, case files and 材料复用."""
