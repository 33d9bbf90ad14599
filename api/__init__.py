"""The HTTP front end (FastAPI): SPARQL 1.1 and a REST API over ``kg``. Built in the serving issue."""
