"""The package's data, found one way (``narrative_extract.patterns.data_path``): ``patterns/``,
``models/`` and ``schema/`` at the top of the repository, linked here (symbolic links) so that an
editable install reads them in place and a wheel carries copies of them inside the package."""
