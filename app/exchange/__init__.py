"""互联互通: the transactional outbox of case and e-licence events, the publisher process that delivers them
to configured subscribers (RabbitMQ, signed webhooks), and OAuth2 client-credential access for department
systems (自建系统). :func:`init_exchange` is the one hook the application factory calls."""
